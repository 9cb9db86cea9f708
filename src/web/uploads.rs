//! Forms that may carry files: `multipart/form-data` (the browser's encoding when a form has a
//! file input) read by `files::receive` — text fields as a [`FormData`], files spooled and
//! judged — or a plain `application/x-www-form-urlencoded` form, without files. The files'
//! limits are the API's (configuration `attachments`).

use std::future::Future;
use std::pin::Pin;

use actix_multipart::Multipart;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use super::WebError;
use super::session::FormData;
use crate::config::Config;
use crate::error::AppError;
use crate::files::{self, TextFields, Upload};

/// A submitted form and the files it carried (none for a urlencoded form).
pub struct FilesForm {
    pub form: FormData,
    pub files: Vec<Upload>,
    /// Why its files were refused (413, 415 or 422 naming `file`): the page shows its form
    /// again with the reason and what was typed.
    pub refused: Option<AppError>,
}

impl FilesForm {
    /// The files, or their refusal as the error (for forms with nothing typed to keep).
    pub fn into_files(self) -> Result<(FormData, Vec<Upload>), AppError> {
        match self.refused {
            Some(refused) => Err(refused),
            None => Ok((self.form, self.files)),
        }
    }
}

impl FromRequest for FilesForm {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let multipart = matches!(req.mime_type(), Ok(Some(mime))
            if mime.essence_str() == "multipart/form-data");
        if !multipart {
            let form = FormData::from_request(req, payload);
            return Box::pin(async move {
                Ok(Self {
                    form: form.await?,
                    files: Vec::new(),
                    refused: None,
                })
            });
        }
        let limits = req
            .app_data::<web::Data<Config>>()
            .map(|config| files::limits(&config.attachments));
        let stream = Multipart::new(req.headers(), payload.take());
        Box::pin(async move {
            let limits =
                limits.ok_or_else(|| AppError::internal("the configuration is not registered"))?;
            let received = files::read(stream, limits, TextFields::Take).await?;
            Ok(Self {
                form: FormData::from_pairs(received.fields),
                files: received.files,
                refused: received.refused,
            })
        })
    }
}
